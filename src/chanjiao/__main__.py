import sys

from chanjiao.cli import main

sys.exit(main())

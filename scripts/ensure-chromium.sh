#!/usr/bin/env bash
# Browser tests use Debian's Chromium. Install it when missing and we can (CI runs as root);
# otherwise the browser tests skip themselves with a visible message.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "== could not install chromium: browser tests will be SKIPPED"
else
  echo "== /usr/bin/chromium missing and not root: browser tests will be SKIPPED"
fi
exit 0

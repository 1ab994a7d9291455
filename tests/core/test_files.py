import doctest
import os
from concurrent.futures import ProcessPoolExecutor

from chanjiao.core import files
from chanjiao.core.files import write_once


def test_the_examples_in_the_docstring_hold():
    assert doctest.testmod(files).failed == 0


def _create_and_read(path):
    created = write_once(path, str(os.getpid()).encode() * 1000)
    return created, path.read_bytes()


def test_processes_starting_together_create_the_file_once_and_all_read_it_whole(tmp_path):
    path = tmp_path / "var" / "key"
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_create_and_read, [path] * 16))

    assert sum(created for created, _ in results) == 1
    assert {content for _, content in results} == {path.read_bytes()}
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert [p.name for p in path.parent.iterdir()] == ["key"]  # no temporary file left behind

"""Where an export, a print or an import cannot use the path it was given, the user is told why."""

import os
import stat

import pytest

from desktop.services.exchange import files
from desktop.services.exchange.files import FileUnusable, read_bytes, write_atomically, write_bytes


def test_a_missing_folder_or_a_folder_for_a_file_is_named_and_nothing_is_left_behind(tmp_path):
    with pytest.raises(FileUnusable, match=r"文件夹 .*nowhere 不存在;请先建好文件夹或换一个位置"):
        write_bytes(tmp_path / "nowhere" / "out.pdf", b"%PDF")
    with pytest.raises(FileUnusable, match="是文件夹,不是文件;请在其后写上文件名"):
        write_bytes(tmp_path, b"%PDF")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_one(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("旧内容", encoding="utf-8")

    def fails(tmp):
        tmp.write_text("半个文件", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(FileUnusable, match="磁盘已满"):
        write_atomically(target, fails)
    assert target.read_text(encoding="utf-8") == "旧内容" and list(tmp_path.iterdir()) == [target]


def test_a_file_held_open_elsewhere_says_to_close_it(tmp_path, monkeypatch):
    """Windows refuses to replace a file that Excel holds open: the message says what to do."""
    def refused(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.replace", refused)
    with pytest.raises(FileUnusable, match="先关闭正打开这个文件的程序"):
        write_bytes(tmp_path / "out.xlsx", b"PK")
    assert list(tmp_path.iterdir()) == []


def test_reading_a_missing_file_or_a_folder_is_refused_by_name(tmp_path):
    with pytest.raises(FileUnusable, match="文件 .*missing.json 不存在"):
        read_bytes(tmp_path / "missing.json")
    with pytest.raises(FileUnusable, match="是文件夹,不是文件"):
        read_bytes(tmp_path)


def test_a_name_too_long_is_said_in_words_and_the_file_keeps_the_users_usual_mode(tmp_path):
    with pytest.raises(FileUnusable, match="文件名太长"):
        write_bytes(tmp_path / ("诉求清单" * 80 + ".csv"), b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_new_file_gets_the_users_usual_mode_and_a_replaced_one_keeps_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_UMASK", 0o022)
    write_bytes(tmp_path / "bulletin.pdf", b"%PDF")  # mkstemp's 0600 would hide it from colleagues' accounts
    assert stat.S_IMODE((tmp_path / "bulletin.pdf").stat().st_mode) == 0o644
    private = tmp_path / "staff.csv"
    private.write_text("身份证号", encoding="utf-8")
    os.chmod(private, 0o600)  # the user made the staff list private
    write_bytes(private, "新的名单".encode())
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text(encoding="utf-8") == "新的名单"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="links and pipes as made on POSIX")
def test_a_link_or_a_pipe_given_as_the_file_is_refused_and_left_alone(tmp_path):
    """Renaming over /dev/stdout (a link) had replaced the system's link with a regular file; a
    link planted in a shared folder must not carry an export somewhere else either."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "queue.csv").write_text("旧", encoding="utf-8")
    link = tmp_path / "queue.csv"
    link.symlink_to(shared / "queue.csv")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for given in (link, pipe):
        with pytest.raises(FileUnusable, match="是链接或设备,不是普通文件;GridDesk 不会替换它"):
            write_bytes(given, "新".encode())
    assert link.is_symlink() and (shared / "queue.csv").read_text(encoding="utf-8") == "旧"
    assert stat.S_ISFIFO(os.stat(pipe).st_mode) and sorted(p.name for p in tmp_path.iterdir()) == [
        "pipe", "queue.csv", "shared"]
    folder = tmp_path / "to-shared"
    folder.symlink_to(shared, target_is_directory=True)
    write_bytes(folder / "queue.csv", "新".encode())  # a link to a folder on the way is no matter
    assert (shared / "queue.csv").read_text(encoding="utf-8") == "新"

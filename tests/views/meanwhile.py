"""What another desktop does while a form is open on this one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def ok_after_removal_meanwhile(monkeypatch, form_class: type[QDialog], db, *statements, phone: str) -> list[QDialog]:
    """`form_class` opened: the first time, another desktop runs `statements` (deleting the record edited)
    while it is open; then a phone is typed and OK pressed, each time. Returns the forms opened."""
    opened = []

    def ok(form):
        if not opened:
            with db.session() as session:
                for statement in statements:
                    session.execute(statement)
                session.commit()
        opened.append(form)
        form.phone.setText(phone)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(form_class, "exec", ok)
    return opened

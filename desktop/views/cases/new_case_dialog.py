"""The new-case form (Art. 16): keyboard only — Tab through the fields, Enter saves, Esc cancels.

Typing a location shows the grid it routes to, that grid's staff, and open cases nearby of
the same category (a possible duplicate) before anything is saved. A duplicate can be opened
(double-click, or Enter in the list) or chosen, and the request then saved straight into it
(并入所选案件, Enter on that button too): it is recorded with its requester and merged, not
handled twice.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...errors import ValidationFailed
from ...i18n import enumeration, label, unbroken
from ...models.enums import CaseState, Channel, MatterCategory
from ...models.places import CITY_CODE
from ...services import matter_list, staff
from ...services.cases import duplicates, intake
from ...services.clock import beijing_today
from .. import dialogs
from ..required_fields import mark_required
from ..screen_fit import fit_to_screen, scrolling
from ..unsaved import AsksBeforeDiscarding

TAKEN_IN_SHOWN_MS = 30_000  # how long the status bar names the case just taken in
TAKEN_IN_GRID = QT_TRANSLATE_NOOP("NewCaseDialog", "已受理诉求 %1,归入 %2")
TAKEN_IN_TRIAGE = QT_TRANSLATE_NOOP("NewCaseDialog", "已受理诉求 %1,未落入网格,在待分拨清单上")
TAKEN_IN_MERGED = QT_TRANSLATE_NOOP("NewCaseDialog", "已受理诉求 %1,作为重复诉求并入案件 %2")
TAKEN_IN_LIKE = QT_TRANSLATE_NOOP("NewCaseDialog", ";附近有同类未办结案件,疑似重复:%1(可在案件详情中合并)")


def township_of(code: str | None) -> str | None:
    """The township code above a place code of township level or below (None above that)."""
    if not code or len(code) < 12 or code[6:9] == "000":
        return None
    return code[:9] + "000"


_NOT_A_NUMBER = object()


class CoordinateValidator(QDoubleValidator):
    """A coordinate as copied from a map or a message, the spaces around it dropped: with them the
    validator had refused the paste without a word."""

    def validate(self, text: str, pos: int):
        stripped = text.strip()
        pos = max(0, min(pos - (len(text) - len(text.lstrip())), len(stripped)))
        state, stripped, pos = super().validate(stripped, pos)
        return state, stripped, pos


def _number(text: str):
    """A coordinate field's number, None when empty, _NOT_A_NUMBER for text such as 109,105."""
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return _NOT_A_NUMBER


class SuspectedDuplicates(QListWidget):
    """Open cases like the one being taken in: double-click or Enter opens one to look at. Enter is
    taken here, so that it does not also reach the dialog and save a new case."""

    opened = Signal(int)  # the case id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.itemDoubleClicked.connect(lambda item: self.opened.emit(item.data(Qt.ItemDataRole.UserRole)))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.opened.emit(self.currentItem().data(Qt.ItemDataRole.UserRole))
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        """Tabbed into, the case under the cursor is chosen, so that 并入所选案件 is offered for it at
        once (a current row alone was not a selection: only Space made it one)."""
        super().focusInEvent(event)
        if self.count() and not self.selectedItems():
            item = self.currentItem() or self.item(0)
            self.setCurrentItem(item)
            item.setSelected(True)


class NewCaseDialog(AsksBeforeDiscarding, QDialog):
    saved = Signal(object)  # the IntakeResult
    duplicate_chosen = Signal(int)  # a suspected duplicate double-clicked: its case id, to open it

    def __init__(self, db, actor, tasks, *, township_code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.tasks, self.township_code = db, actor, tasks, township_code
        self.result_info: intake.IntakeResult | None = None
        self.merged_into: tuple[int, str] | None = None  # (case id, number) the request is being saved into
        self.setWindowTitle(self.tr("新建诉求"))

        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(label(channel), channel.value)  # Qt keeps str enums as plain str
        # Chosen, never preset: a hotline call saved as the first entry (网格员上报) would start at grid level.
        self.channel.setPlaceholderText(self.tr("请选择受理渠道"))
        self.channel.setCurrentIndex(-1)
        self.requester_name, self.requester_phone = QLineEdit(), QLineEdit()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("一句话说明诉求,如:巷口路灯不亮"))
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("诉求的具体情况"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
        self.item = QComboBox()
        self.item.addItem(self.tr("(不选事项)"), None)
        self._item_categories: dict[int, MatterCategory] = {}
        self._lookup_generation = 0
        self.category = QComboBox()
        for category in MatterCategory:
            self.category.addItem(label(category), category.value)
        # Chosen, never preset: a hurried save would file every request under the first category.
        self.category.setPlaceholderText(self.tr("请选择类别(选了事项则随事项)"))
        self.category.setCurrentIndex(-1)
        self.lon, self.lat = QLineEdit(), QLineEdit()
        self.lon.setPlaceholderText(self.tr("经度,如 109.105"))
        self.lon.setAccessibleName(self.tr("经度"))
        self.lat.setAccessibleName(self.tr("纬度"))
        self.lat.setPlaceholderText(self.tr("纬度,如 21.428"))
        # As many decimals as a double holds: a point copied from a map with more than the validator
        # allowed was not pasted at all.
        self.lon.setValidator(CoordinateValidator(-180, 180, 15, self.lon))
        self.lat.setValidator(CoordinateValidator(-90, 90, 15, self.lat))
        self.address = QLineEdit()
        self.urgent = QCheckBox(self.tr("紧急(涉及安全或停水停电停气)"))
        self.grid_label, self.staff_label = QLabel(self.tr("未定位:保存后进入待分拨清单")), QLabel()
        self.staff_label.setWordWrap(True)
        for shown in (self.grid_label, self.staff_label):
            # The form's spare height goes to these rows: centred, the text stood apart from its caption.
            shown.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.duplicates = SuspectedDuplicates()
        self.duplicates.setMaximumHeight(110)
        self.duplicates.setWordWrap(True)  # the distance and state at the end of a line stay in view
        self.duplicates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.duplicates.setToolTip(self.tr("双击打开该案件查看;确属同一诉求的,选中后点“并入所选案件”:"
                                           "本诉求登记后即并入该案件,不另行办理"))
        self.duplicates.opened.connect(self.duplicate_chosen)

        form = QFormLayout()
        location = QHBoxLayout()
        location.addWidget(self.lon)
        location.addWidget(self.lat)
        for caption, widget in ((self.tr("渠道"), self.channel), (self.tr("诉求人"), self.requester_name),
                              (self.tr("联系电话"), self.requester_phone), (self.tr("标题"), self.title_edit),
                              (self.tr("诉求内容"), self.description), (self.tr("事项"), self.item),
                              (self.tr("类别"), self.category), (self.tr("经度 / 纬度"), location),
                              (self.tr("地址"), self.address), ("", self.urgent),
                              (self.tr("所属网格"), self.grid_label), (self.tr("网格人员"), self.staff_label),
                              (self.tr("疑似重复"), self.duplicates)):
            form.addRow(caption, widget)
        mark_required(form, self.channel, self.title_edit, self.description, self.category)  # intake._check
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.merge_button = self.buttons.addButton(self.tr("并入所选案件"), QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setEnabled(False)  # Enter on it (focused, it is the default) merges, once confirmed
        self.merge_button.clicked.connect(self.merge_into_chosen)
        self.duplicates.itemSelectionChanged.connect(
            lambda: self.merge_button.setEnabled(self.chosen_duplicate() is not None))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        body = QWidget()
        body.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body))  # on a low screen the form scrolls; Save and Cancel stay in view
        layout.addWidget(self.buttons)
        # Only now that the box is in the dialog: the dialog then knows Save as its default, and does not
        # make the first button in the focus chain (并入所选案件) the default when it is shown.
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        order = [self.channel, self.requester_name, self.requester_phone, self.title_edit, self.description,
                 self.item, self.category, self.lon, self.lat, self.address, self.urgent,
                 self.duplicates, self.merge_button, self.buttons.button(QDialogButtonBox.StandardButton.Save),
                 self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        fit_to_screen(self, 560, 640)
        # Where a refusal naming a field (the service's "名称(field)") takes the focus, in the form's order.
        self._fields = {"channel": self.channel, "requester_name": self.requester_name,
                        "requester_phone": self.requester_phone, "title": self.title_edit,
                        "description": self.description, "matter_item_id": self.item, "category": self.category,
                        "lon/lat": self.lon, "township_code": self.lon, "address": self.address}

        self.item.currentIndexChanged.connect(self._item_chosen)
        self.category.currentIndexChanged.connect(self.look_around)
        # Look the location up once typing pauses, not on every keystroke.
        self._lookup_timer = QTimer(self, singleShot=True, interval=300)
        self._lookup_timer.timeout.connect(self.look_around)
        self.lon.textChanged.connect(self._location_edited)
        self.lat.textChanged.connect(self._location_edited)
        self.channel.setFocus()
        self.tasks.submit(matter_list.in_force, db, township_code or CITY_CODE, beijing_today(),
                          on_done=self._show_items, on_error=lambda exc: dialogs.show_error(self, exc))

    def _show_items(self, in_force) -> None:
        """The items of the lists in force, offered once they have loaded."""
        for _list, entries in in_force:
            for entry in entries:
                self.item.addItem(f"{entry.draft.code} {entry.draft.title}", entry.id)
                self._item_categories[entry.id] = entry.draft.category

    def _item_chosen(self) -> None:
        item_id = self.item.currentData()
        if item_id is not None:
            self.category.setCurrentIndex(self.category.findData(self._item_categories[item_id].value))
        self.category.setEnabled(item_id is None)

    def location(self) -> tuple[float, float] | None:
        try:
            return float(self.lon.text()), float(self.lat.text())
        except ValueError:
            return None

    def look_around(self) -> None:
        """Show where the location routes to, its staff, and possible duplicates."""
        self._lookup_generation += 1
        generation = self._lookup_generation
        where = self.location()
        self._forget_duplicates()
        if where is None:
            self.grid_label.setText(self.tr("未定位:保存后进入待分拨清单"))
            self.staff_label.clear()
            return

        def landed(found) -> None:
            if generation == self._lookup_generation:  # the location or category has not changed since
                self._show_lookup(found)

        def failed(exc: BaseException) -> None:
            if generation == self._lookup_generation:
                dialogs.show_error(self, exc)

        self.tasks.submit(self._lookup, *where, self.chosen_category(), on_done=landed, on_error=failed)

    def chosen_category(self) -> MatterCategory | None:
        data = self.category.currentData()
        return MatterCategory(data) if data else None

    def _lookup(self, lon: float, lat: float, category: MatterCategory | None):
        grid = intake.preview_route(self.db, lon, lat)
        members = staff.roster(self.db, self.actor, grid.code) if grid else []
        # Duplicates are open cases of the same category nearby: none to look for before one is chosen.
        hints = duplicates.find_duplicates(self.db, self.actor, category=category, lon=lon, lat=lat) if category else []
        return grid, members, hints

    def _show_lookup(self, found) -> None:
        grid, members, hints = found
        if grid is None:
            self.grid_label.setText(self.tr("不在任何网格内:保存后进入待分拨清单"))
        else:
            self.grid_label.setText(f"{grid.name}({grid.code},{label(grid.kind)})")
        self.staff_label.setText(";".join(unbroken(f"{label(m.role)} {m.name} {m.phone or ''}".strip())
                                           for m in members))
        for hint in hints:
            item = QListWidgetItem(self.tr("{number} {title}(相距 {distance} 米,{state})").format(
                number=hint.case.number, title=hint.case.title, distance=round(hint.distance_m),
                state=label(hint.case.state)))
            item.setData(Qt.ItemDataRole.UserRole, hint.case.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, hint.case.number)
            self.duplicates.addItem(item)

    def _location_edited(self) -> None:
        # What was found for the old place is neither offered nor, landing late, shown.
        self._lookup_generation += 1
        self._forget_duplicates()
        self._lookup_timer.start()

    def _forget_duplicates(self) -> None:
        self.duplicates.clear()  # a model reset: no selection change is signalled
        self.merge_button.setEnabled(False)

    def chosen_duplicate(self) -> tuple[int, str] | None:
        """(case id, number) of the suspected duplicate selected, if one is."""
        item = next(iter(self.duplicates.selectedItems()), None)
        if item is None:
            return None
        return item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)

    def merge_into_chosen(self) -> None:
        """Save the request as a duplicate of the chosen case, once the operator confirms."""
        chosen = self.chosen_duplicate()
        if chosen is None:
            return
        case_id, number = chosen
        if dialogs.confirm(self, self.tr("并入所选案件"), self.tr(
                "本诉求将登记并作为重复诉求并入案件 %1,由该案件一并办理,不另行派遣。确定并入?").replace("%1", number)):
            self.merged_into = chosen
            self.save(duplicate_of=case_id)

    def save(self, duplicate_of: int | None = None) -> None:
        if duplicate_of is None:
            self.merged_into = None
        # Each field as typed: one left empty is the service's to name, never a reason to drop the other.
        lon, lat = (_number(edit.text()) for edit in (self.lon, self.lat))
        for edit, value in ((self.lon, lon), (self.lat, lat)):
            if value is _NOT_A_NUMBER:
                self._failed(ValidationFailed(self.tr("经纬度(lon/lat):“%1”不是数字,请写成 109.105 这样的小数")
                                              .replace("%1", edit.text()), field="lon/lat"))
                edit.setFocus()
                return
        self.buttons.setEnabled(False)
        self.tasks.submit(
            intake.take_in, self.db, self.actor,
            channel=Channel(self.channel.currentData()) if self.channel.currentIndex() >= 0 else None,
            title=self.title_edit.text(), description=self.description.toPlainText(),
            category=self.chosen_category(), matter_item_id=self.item.currentData(),
            requester_name=self.requester_name.text().strip() or None,
            requester_phone=self.requester_phone.text().strip() or None, lon=lon, lat=lat,
            address=self.address.text().strip() or None, urgent=self.urgent.isChecked(),
            township_code=self.township_code, duplicate_of=duplicate_of, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: intake.IntakeResult) -> None:
        self.result_info = result
        self.saved.emit(result)
        self.accept()

    def typed(self) -> bool:
        """Whether anything was typed that closing the form would lose (a caller still on the line)."""
        fields = (self.requester_name, self.requester_phone, self.title_edit, self.lon, self.lat, self.address)
        return self.result_info is None and (any(edit.text().strip() for edit in fields)
                                             or bool(self.description.toPlainText().strip()))

    def _failed(self, exc: BaseException) -> None:
        """Say why, then take the focus to the first field to correct (saving from the Save button, the
        focus was lost with the button disabled meanwhile)."""
        self.buttons.setEnabled(True)
        dialogs.show_error(self, exc)
        field = next((widget for key, widget in self._fields.items() if f"({key})" in str(exc) and widget.isEnabled()),
                     None)
        if field is self.lon and self.lon.text().strip() and not self.lat.text().strip():
            field = self.lat  # a location half typed: the half left empty is the one to fill
        if field is not None:
            field.setFocus()
        elif self.focusWidget() is None:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setFocus()


def _taken_in(window, result: intake.IntakeResult, merged_into: tuple[int, str] | None = None) -> None:
    """Say which number the case got (the caller is often still on the phone), and any open cases it looks
    like, and choose it in the queue; merged, the case that answers it instead (the duplicate is in no open
    queue)."""
    queue_panel = getattr(window, "queue_panel", None)
    merged = result.case.state is CaseState.MERGED and merged_into is not None
    if queue_panel is not None:
        queue_panel.choose_when_shown(*(merged_into if merged else (result.case.id, result.case.number)))
    window.bus.changed.emit("cases")
    if isinstance(window, QMainWindow):
        said = TAKEN_IN_MERGED if merged else TAKEN_IN_GRID if result.grid_code else TAKEN_IN_TRIAGE
        text = QCoreApplication.translate("NewCaseDialog", said).replace("%1", result.case.number)
        text = text.replace("%2", merged_into[1] if merged else result.grid_name or "")
        if result.duplicates:  # found on saving: saved before the form's own lookup had shown them
            text += QCoreApplication.translate("NewCaseDialog", TAKEN_IN_LIKE).replace(
                "%1", enumeration(hint.case.number for hint in result.duplicates[:3]))
        window.statusBar().showMessage(text, TAKEN_IN_SHOWN_MS)


def open_new_case(window) -> None:
    """Menu 案件 → 新建诉求; a suspected duplicate double-clicked opens over it, to be looked at."""
    from .case_detail import open_case  # the case panel, as the queue opens it
    dialog = NewCaseDialog(window.db, window.actor, window.tasks,
                           township_code=township_of(window.current_place_code()), parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a shift opens hundreds: each let go when closed
    dialog.saved.connect(lambda result: _taken_in(window, result, dialog.merged_into))
    dialog.duplicate_chosen.connect(lambda case_id: open_case(window, case_id))
    dialog.open()

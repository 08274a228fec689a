"""The main window's panes side by side, place tree | case queue | roster, the queue keeping the room.

QSplitter gives what the window's width gains or loses to the pane with a stretch factor, the queue, alone,
down to its least width. That is the width of its search box, its filters going on to further rows where they
must: beside the map on a 1366-point laptop the queue was squeezed to it while the roster kept 340 points. Here,
once the queue is narrower than it asks to be (its filters on one row, the columns a case is chosen by whole),
the roster and the tree give way first, down to their own least widths; when the window widens again, they get
back what they gave.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

TREE, QUEUE, ROSTER = range(3)


class Panes(QSplitter):
    def __init__(self, tree: QWidget, queue: QWidget, roster: QWidget, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        for widget in (tree, queue, roster):
            self.addWidget(widget)
        self.setStretchFactor(QUEUE, 1)
        self._forget_lent()  # what each gave the queue
        # The queue's width before the first layout: the sizes set in code are laid out as the queue asks, a
        # layout the user saved (restoreState) as it was.
        self._queue_before_shown: int | None = None
        # Whether the sizes are the user's own: moved by hand, in this run or in one before (restoreState). Only
        # those are saved; the others are laid out as the queue asks again at the next start.
        self._chosen = False
        self.splitterMoved.connect(self._moved_by_hand)

    def _moved_by_hand(self) -> None:
        self._chosen = True
        self._forget_lent()  # the user's sizes now

    def setSizes(self, sizes: list[int]) -> None:
        super().setSizes(sizes)
        self._forget_lent()
        self._queue_before_shown = sizes[QUEUE]

    def saveState(self) -> QByteArray:
        """The sizes with what the roster and the tree lent the queue handed back: saved as lent beside the map,
        their narrower widths had come back at every later start as the user's own, with nothing to give back.
        Nothing where the user chose no sizes: saved as the window had laid them out, they had come back as the
        user's own too, and a queue narrower than its columns ask (at 1366×768) was lent no room at later starts."""
        if not self._chosen:
            return QByteArray()
        if not any(self._lent.values()):
            return super().saveState()  # the sizes shown are the user's: nothing to move to and fro
        shown = self.sizes()
        super().setSizes(self._own_sizes())
        state = super().saveState()
        super().setSizes(shown)
        return state

    def restoreState(self, state: QByteArray) -> bool:
        self._forget_lent()
        self._queue_before_shown = None
        self._chosen = super().restoreState(state)  # sizes are saved only as the user chose them
        return self._chosen

    def resizeEvent(self, event: QResizeEvent) -> None:
        queue_before = self.sizes()[QUEUE] if event.oldSize().isValid() else self._queue_before_shown
        super().resizeEvent(event)
        if queue_before is not None:
            self._make_room(queue_before)

    def _make_room(self, queue_before: int) -> None:
        """The queue kept as wide as before, up to as wide as it asks, while the others can give way; what they
        gave goes back to them where the queue has room to spare, the last to give first: the roster lends the
        queue's columns room at 1366×768, and beside the map the tree lends too; the map closed, the tree had kept
        most of what it gave. A width the user chose is the queue's own."""
        sizes = self.sizes()
        asks = self.widget(QUEUE).sizeHint().width()
        short = min(asks, queue_before) - sizes[QUEUE]
        spare = sizes[QUEUE] - asks
        for pane in (ROSTER, TREE) if short > 0 else (TREE, ROSTER):
            if pane == ROSTER and self._roster_away:  # away whole until roster_back
                continue
            if short > 0:
                moved = max(0, min(short, sizes[pane] - self.widget(pane).minimumSizeHint().width()))
                short -= moved
            else:
                moved = -max(0, min(self._lent[pane], spare))
                spare += moved
            sizes[pane] -= moved
            sizes[QUEUE] += moved
            self._lent[pane] += moved
        if sizes != self.sizes():
            super().setSizes(sizes)

    def room_asked(self, queue: int) -> int:
        """The width the panes take with the queue `queue` wide and the others at their least (the roster none
        once it lent all its width)."""
        roster = self.widget(ROSTER).minimumSizeHint().width() if self.sizes()[ROSTER] else 0
        return self.widget(TREE).minimumSizeHint().width() + queue + roster + self.handleWidth() * 2

    def lend_roster(self) -> None:
        """The roster's whole width to the queue, a dock opening in its place (the map), until `roster_back`."""
        sizes = self.sizes()
        self._roster_away = sizes[ROSTER]
        self._lent[ROSTER] += self._roster_away
        super().setSizes([sizes[TREE], sizes[QUEUE] + self._roster_away, 0])

    def roster_back(self) -> None:
        """The roster as wide as it was before `lend_roster` (the dock in its place closed), unless moved by hand
        meanwhile: whole at once, where given back as the queue had room to spare it came back a sliver."""
        if not self._roster_away:
            return
        sizes = self.sizes()
        self._lent[ROSTER] -= self._roster_away
        super().setSizes([sizes[TREE], sizes[QUEUE] - self._roster_away, self._roster_away])
        self._roster_away = 0

    def _own_sizes(self) -> list[int]:
        sizes = self.sizes()
        for pane, width in self._lent.items():
            sizes[pane] += width
            sizes[QUEUE] -= width
        return sizes

    def _forget_lent(self) -> None:
        self._lent = {ROSTER: 0, TREE: 0}
        self._roster_away = 0  # the width the roster lent whole (lend_roster)

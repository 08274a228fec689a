"""Plausible, made-up Chinese names, phone numbers and fishing-vessel particulars."""

from __future__ import annotations

import random

# Common surnames, weighted towards those frequent in Guangxi and among the returned overseas
# Chinese families of 侨港 (阮, 黄, 梁 …).
_SURNAMES = "陈李黄梁林张王刘何吴周邓阮苏莫韦罗谢蒋覃杨庞冯钟许"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华海燕文斌志红建国玉梅凤丹宁东海波永坚春晖雪珍"
_VESSEL_WORDS = "海顺丰兴福鑫港侨安利发"
_MOBILE_PREFIXES = ("135", "136", "138", "139", "150", "152", "177", "181", "183", "187", "188", "199")


class NameMaker:
    """Draws from one random.Random, so a seeded run always yields the same people."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._vessel_numbers: set[int] = set()

    def person(self) -> str:
        given = "".join(self.rng.choice(_GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2))))
        return self.rng.choice(_SURNAMES) + given

    def mobile(self) -> str:
        return self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def office_phone(self) -> str:
        """A Beihai landline (area code 0779)."""
        return f"0779-{self.rng.randrange(2000000, 8999999)}"

    def vessel(self) -> tuple[str, str]:
        """A vessel name and a registration number of the 桂北渔xxxxx form, unique in the run."""
        number = self.rng.randrange(10000, 99999)
        while number in self._vessel_numbers:
            number = self.rng.randrange(10000, 99999)
        self._vessel_numbers.add(number)
        name = "".join(self.rng.sample(_VESSEL_WORDS, 2)) + f"{self.rng.randrange(1, 40)}号"
        return name, f"桂北渔{number}"

"""Typed use of completeness: passes `mypy --strict` with the generated stubs."""
import datetime
import pathlib
import typing

import completeness

p = completeness.Point(3.0, 4.0)
d: float = p.distance(completeness.Point(0.0, 0.0))
mid: completeness.Point = completeness.Point.midpoint(p, p)
joined: pathlib.Path = completeness.join_path("/tmp", "x.txt")
ext: typing.Optional[str] = completeness.extension_of(joined)
fields: typing.Tuple[int, int, int] = completeness.date_fields(datetime.date(2024, 2, 29))
delta: datetime.timedelta = completeness.duration(90, 0)
zone = completeness.FixedZone(60, "CET")
offset_name: str = zone.name
status: typing.Optional[str] = completeness.try_gil()
print(d, mid.x, ext, fields, delta, offset_name, status)

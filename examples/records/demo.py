"""A tour of bind's conversions (pip install ./examples/records, then run this file)."""
import dataclasses
import datetime
import ipaddress
import pathlib

import records as r

# std types both ways
print(r.rt_btreemap({3: "c", 1: "a"}))            # {1: 'a', 3: 'c'} (sorted by the BTreeMap)
print(r.rt_bytes(bytearray(b"hi")))               # b'hi': Vec<u8> is bytes
print(r.rt_duration(datetime.timedelta(hours=1)))  # 1:00:00
print(r.rt_path(pathlib.Path("/etc/hosts")))      # '/etc/hosts'
print(r.rt_ip("::1") == ipaddress.ip_address("::1"))
print(r.rt_i128(-(2**100)))

# derive(FromPyObject): attributes, keys, enums tried in order
print(r.describe_point(type("P", (), {"x": 1.0, "y": 2.0})()))
print(r.section_rt({"name": "db", "max-retries": 3, "tags": ["primary"]}))
print(r.shape_info({"w": 2.0, "h": 3.0}), r.shape_info(("triangle", 3)))

# the serde bridge: a config file with int-keyed maps and enums
config = r.default_config()
print(config)
config["mode"] = {"Custom": "canary"}
print(r.config_rt(config)["mode"])


@dataclasses.dataclass
class Rec:
    id: int
    name: str
    tags: list
    score: float
    status: str


print(r.records_rt([Rec(1, "a", ["x"], 0.5, "active")]))

# errors name the path inside the argument
try:
    r.count_tags([{"id": 1, "tags": []}, {"id": 2, "tags": ["ok", 7]}])
except TypeError as e:
    print(e)  # argument 'rows': [1]['tags'][1]: 'int' object cannot be converted to 'str'

"""A process of the PostgreSQL concurrency test (tests/ledger/test_ledger_postgres.py).

    python ledger_concurrent_writer.py write WRITER GO_FILE ROUNDS   # append through the services
    python ledger_concurrent_writer.py verify                         # sign, verify, print JSON

Settings come from DJANGO_SETTINGS_MODULE and DATABASE_URL, as for the platform itself.
"""

import json
import sys
import time
from pathlib import Path

import django


def write(writer: int, go_file: Path, rounds: int) -> int:
    from chanjiao.ledger.records import get_record_type
    from chanjiao.ledger.services import RecordChange, append_records
    from chanjiao.registry import services as registry
    from chanjiao.registry.models import Organisation

    organisation_type = get_record_type("organisation")
    mine: list[Organisation] = []
    appended = 0
    Path(f"{go_file}.{writer}.ready").touch()
    while not go_file.exists():  # every writer starts at the same moment
        time.sleep(0.001)
    for round_number in range(rounds):
        organisation = registry.create_record(
            actor=None,
            model=Organisation,
            data={"kind": "enterprise", "name": f"writer {writer} round {round_number}", "region_id": 320505},
        )
        registry.update_record(actor=None, instance=organisation, data={"employees": round_number})
        mine.append(organisation)
        recent = mine[-3:]
        changes = [RecordChange("organisation", o.pk, organisation_type.content_of(o.pk)) for o in recent]
        append_records(changes=changes, actor=None)
        appended += 2 + len(recent)
    return appended


def verify() -> dict:
    from chanjiao.ledger.keys import public_key
    from chanjiao.ledger.models import Leaf
    from chanjiao.ledger.services import sign_tree_head
    from chanjiao.ledger.verification import verify_ledger

    sign_tree_head(actor=None)
    report = verify_ledger(public_key=public_key())
    leaves = list(Leaf.objects.order_by("leaf_index").values_list("leaf_index", "document"))
    writers = [json.loads(document)["content"]["name"].split()[1] for _, document in leaves]
    switches = sum(1 for before, after in zip(writers, writers[1:], strict=False) if before != after)
    contiguous = [index for index, _ in leaves] == list(range(len(leaves)))
    return {**report.as_dict(), "contiguous": contiguous, "writer_switches": switches}


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "write":
        print(write(int(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])))
    else:
        print(json.dumps(verify()))

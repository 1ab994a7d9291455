"""A stand-in capability that holds technical-need records, to show a provider taking precedence
over the annual return. Tests put the records in RECORDS: {carrier id: (received, solved)}."""

RECORDS: dict[int, tuple[int, int]] = {}


def technical_needs(units, year):
    return {
        unit.id: {"technical_needs": RECORDS[unit.id][0], "technical_needs_solved": RECORDS[unit.id][1]}
        for unit in units
        if unit.id in RECORDS
    }


PROVIDERS = {("technical_needs", "carrier"): ("docking: technical needs", technical_needs)}

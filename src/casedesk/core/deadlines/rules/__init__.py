"""Rule packs as data: one TOML file per set of rules (see ``rule_packs.py``)."""

"""Production volumes without a database: load files (Concordance DAT, Opticon OPT), the
production log and the CSV/XLSX table writers the other lists and logs use too."""

from casedesk.core.production.loadfiles import (
    DAT_FIELDS,
    LOG_COLUMNS,
    ProducedDocument,
    dat_value,
    file_md5,
    label_series,
    log_rows,
    read_dat,
    write_dat,
    write_log_csv,
    write_log_xlsx,
    write_opt,
)
from casedesk.core.production.tables import (
    Cell,
    cell_text,
    guard_formula,
    write_table_csv,
    write_table_xlsx,
)

__all__ = [
    "DAT_FIELDS",
    "LOG_COLUMNS",
    "Cell",
    "ProducedDocument",
    "cell_text",
    "dat_value",
    "file_md5",
    "guard_formula",
    "label_series",
    "log_rows",
    "read_dat",
    "write_dat",
    "write_log_csv",
    "write_log_xlsx",
    "write_opt",
    "write_table_csv",
    "write_table_xlsx",
]

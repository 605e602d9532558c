"""Write the register extracted from the bulletin to the package's data file.

    python -m anyang_tasks.extraction [bulletin.txt]   # default: the copy kept beside this module
"""

import json
import sys
from pathlib import Path

from anyang_tasks.data import DATA_FILE
from anyang_tasks.extraction.gazette import SOURCE, extract


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    entries = extract(source.read_text(encoding="utf-8"))
    DATA_FILE.write_text(json.dumps({"source": source.name, "entries": entries}, ensure_ascii=False, indent=1)
                         + "\n", encoding="utf-8")
    print(f"{len(entries)} entries → {DATA_FILE}")


if __name__ == "__main__":
    main()

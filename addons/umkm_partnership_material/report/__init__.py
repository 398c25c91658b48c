from . import material_reconciliation_xlsx

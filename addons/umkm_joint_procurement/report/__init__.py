from . import procurement_xlsx
from . import procurement_statement

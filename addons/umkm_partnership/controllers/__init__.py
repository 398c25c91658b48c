from . import portal, xlsx_export

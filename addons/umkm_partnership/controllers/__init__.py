from . import cluster_page, portal, xlsx_export

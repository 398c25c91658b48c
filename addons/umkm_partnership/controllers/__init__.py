from . import cluster_page, portal, subcontract, assignment, member_purchase, trade, xlsx_export

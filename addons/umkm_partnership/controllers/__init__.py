from . import cluster_page, portal, subcontract, assignment, support

"""Joint marketing left this addon for umkm_marketing, the trade cart for umkm_trade (issue 25):
their records' and fields' external ids move to the new addons, which are installed in the same
run (umkm_cluster's ``tools/upgrade.py``)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.umkm_cluster.tools.upgrade import move_to_addons

MOVES = {
    "umkm_marketing": {
        "fields": {
            "sale.order": [
                "umkm_member_purchase_ids",
                "umkm_member_purchase_count",
                "umkm_member_delivery",
                "umkm_has_gap",
            ],
            "sale.order.line": [
                "umkm_member_id",
                "umkm_member_price",
                "umkm_purchase_line_ids",
                "umkm_qty_gap",
            ],
            "purchase.order": [
                "umkm_sale_order_id",
                "umkm_member_answer",
                "umkm_date_proposed",
                "umkm_decline_reason",
            ],
            "purchase.order.line": ["umkm_sale_line_id"],
            "umkm.catalogue": ["margin_percent"],
            "umkm.catalogue.line": ["umkm_sale_count"],
            "umkm.catalogue.inquiry": [
                "sale_order_id",
                "buyer_id",
                "member_outcome",
                "member_ordered_qty",
            ],
            "umkm.member": ["umkm_sale_count"],
            "umkm.sale.reassign": [],
        },
        "models": ["umkm.sale.reassign"],
        "constraints": ["umkm_catalogue_margin_percent_range"],
        "records": [
            "umkm_catalogue_inquiry_view_form_sale",
            "sale_order_form_umkm_member",
            "purchase_order_form_umkm_member_answer",
            "umkm_catalogue_view_form_margin",
            "umkm_sale_reassign_view_form",
            "umkm_member_view_form_sales",
            "umkm_catalogue_line_view_form_sales",
            "umkm_member_sale_action",
            "menu_umkm_member_sales",
            "portal_my_purchase_order_umkm_answer",
            "portal_my_inquiries_outcome",
            "portal_my_inquiry_outcome",
            "access_umkm_sale_reassign_officer",
            # demo
            "inquiry_butik_surabaya",
            "inquiry_hotel_bali",
            "partner_butik_kota",
            "sale_butik_kota",
        ],
    },
    "umkm_trade": {
        "fields": {"sale.order": ["umkm_agreement_id", "umkm_commission_amount"]},
        "records": [
            "portal_trade",
            "sale_order_portal_umkm_trade",
            "sale_order_portal_umkm_commission",
            # demo
            "sale_galeri_katalog",
            "sale_dewata_hotel",
        ],
    },
}


def migrate(cr, version):
    if not version:
        return
    move_to_addons(api.Environment(cr, SUPERUSER_ID, {}), "umkm_partnership", MOVES)

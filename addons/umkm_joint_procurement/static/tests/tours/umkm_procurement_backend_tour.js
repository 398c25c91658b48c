/** @odoo-module */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("umkm_procurement_backend_round", {
    url: "/odoo/action-umkm_joint_procurement.umkm_procurement_round_action",
    steps: () => [
        {
            content: "Open the round from the list",
            trigger: '.o_data_row:contains("Tour backend round") .o_data_cell[name="name"]',
            run: "click",
        },
        {
            content: "The status bar shows the open round",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Open for demand")',
        },
        {
            content: "The demand smart button counts the member's line",
            trigger: 'button[name="action_view_demands"]:contains("1")',
        },
        {
            content: "The materials show the aggregated demand",
            trigger: '.o_field_widget[name="line_ids"] .o_data_row:contains("Test kain mori"):contains("120.00")',
        },
        {
            content: "Close the demand",
            trigger: 'button[name="action_close"]',
            run: "click",
        },
        {
            content: "The round is closed and can be ordered",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Closed")',
        },
        {
            content: "Create the purchase orders",
            trigger: 'button[name="action_create_purchase_orders"]:contains("Create purchase orders")',
            run: "click",
        },
        {
            content: "The purchase order opens",
            trigger: '.o_breadcrumb:contains("P0")',
        },
    ],
});

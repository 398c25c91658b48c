/** @odoo-module */

import { registry } from "@web/core/registry";
import { assertKeyCellsShown } from "@umkm_cluster/../tests/tours/phone_helpers";

// Run at phone width (390 px): every list keeps its key columns on the screen.

registry.category("web_tour.tours").add("umkm_partnership_member_phone", {
    url: "/my/assignments",
    steps: () => [
        {
            content: "Every work shows its order and its status (what needs an answer)",
            trigger: ".o_portal_my_doc_table tbody tr td:last-child .badge",
            run() {
                assertKeyCellsShown(
                    ".o_portal_my_doc_table tbody tr",
                    { Order: "td:first-child a", Status: "td:last-child .badge" },
                    2
                );
            },
        },
    ],
});

registry.category("web_tour.tours").add("umkm_partnership_firm_phone", {
    url: "/my/subcontracts",
    steps: () => [
        {
            content: "Every order shows delivered, progress and status",
            trigger: ".o_portal_my_doc_table tbody tr td:last-child .badge",
            run() {
                assertKeyCellsShown(".o_portal_my_doc_table tbody tr", {
                    Order: "td:first-child a",
                    Delivered: "td:nth-child(4)",
                    Progress: "td:nth-child(6)",
                    Status: "td:last-child .badge",
                });
            },
        },
        {
            content: "Open the order with materials",
            trigger: '.o_portal_my_doc_table a:contains("SUB/")',
            run: "click",
        },
        {
            content: "Every material shows what was lost",
            trigger: ".o_umkm_materials h5",
            // one card per material on a phone (the table is for wider screens)
            run() {
                assertKeyCellsShown(".o_umkm_materials .card, .o_umkm_materials tbody tr", {
                    Material: "strong, td:first-child",
                    Lost: "dd.o_umkm_lost, td:nth-child(5)",
                });
            },
        },
    ],
});

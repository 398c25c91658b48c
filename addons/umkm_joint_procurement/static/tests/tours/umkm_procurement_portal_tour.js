/** @odoo-module */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("umkm_procurement_portal_demand", {
    url: "/my/procurement",
    steps: () => [
        {
            content: "Open the joint purchase round",
            trigger: 'a.o_umkm_round_link:contains("PB/")',
            run: "click",
        },
        {
            content: "The round shows its materials",
            trigger: '.o_umkm_material_row:contains("Tour kain mori")',
        },
        {
            content: "Enter the kain demand",
            trigger: '.o_umkm_material_row:contains("Tour kain mori") input[name="qty"]',
            run: "edit 60",
        },
        {
            content: "Save the kain demand",
            trigger: '.o_umkm_material_row:contains("Tour kain mori") .o_umkm_demand_save',
            run: "click",
        },
        {
            content: "The demand is saved",
            trigger: ".o_umkm_demand_saved",
        },
        {
            content: "Enter the malam demand",
            trigger: '.o_umkm_material_row:contains("Tour malam") input[name="qty"]',
            run: "edit 4",
        },
        {
            content: "Save the malam demand",
            trigger: '.o_umkm_material_row:contains("Tour malam") .o_umkm_demand_save',
            run: "click",
        },
        {
            content: "The tier hint tells how much more lowers the kain price",
            trigger:
                '.o_umkm_material_row:contains("Tour kain mori") .o_umkm_tier_hint:contains("more and the price drops to")',
        },
        {
            content: "The aggregated malam quantity includes the new demand",
            trigger: '.o_umkm_material_row:contains("Tour malam") .o_umkm_aggregated:contains("4.00")',
        },
    ],
});

/** @odoo-module */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("umkm_cluster_create_member", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the UMKM Cluster app",
            trigger: '.o_app[data-menu-xmlid="umkm_cluster.menu_umkm_root"]',
            run: "click",
        },
        {
            content: "The clusters kanban shows the user's cluster",
            trigger: '.o_kanban_record:contains("Klaster Tur Batik")',
        },
        {
            content: "Open the Clusters menu",
            trigger: '.o_menu_sections [data-menu-xmlid="umkm_cluster.menu_umkm_cluster"]',
            run: "click",
        },
        {
            content: "Go to Members",
            trigger: '.dropdown-item[data-menu-xmlid="umkm_cluster.menu_umkm_cluster_members"]',
            run: "click",
        },
        {
            content: "Create a member",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the business",
            trigger: '.o_field_widget[name="partner_id"] input',
            run: "edit Sejahtera",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("Batik Tur Sejahtera")',
            run: "click",
        },
        {
            content: "Choose the cluster",
            trigger: '.o_field_widget[name="cluster_id"] input',
            run: "edit Klaster Tur",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("Klaster Tur Batik")',
            run: "click",
        },
        {
            content: "Enter the NIB",
            trigger: '.o_field_widget[name="nib"] input',
            run: "edit 8120001234567",
        },
        {
            content: "Enter the business capital",
            trigger: '.o_field_widget[name="business_capital"] input',
            run: "edit 750000000",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Activate the membership",
            trigger: '.o_form_saved button[name="action_activate"]',
            run: "click",
        },
        {
            content: "The member is active",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Active")',
        },
    ],
});

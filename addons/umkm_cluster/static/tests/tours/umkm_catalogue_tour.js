/** @odoo-module */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("umkm_catalogue_public_page", {
    steps: () => [
        {
            content: "The catalogue shows its approved products",
            trigger: '.o_umkm_catalogue_product:contains("Kemeja Uji")',
        },
        {
            content: "Filter on a category",
            trigger: '.o_umkm_catalogue_filter select[name="category"]',
            run: "selectByLabel Test wear (1)",
        },
        {
            content: "Only that category is left",
            trigger: '.o_umkm_catalogue:not(:has(.o_umkm_catalogue_product:contains("Kain Uji")))',
        },
        {
            trigger: '.o_umkm_inquiry_form input[name="name"]',
            run: "edit Ibu Pembeli",
        },
        {
            trigger: '.o_umkm_inquiry_form input[name="email"]',
            run: "edit pembeli@example.com",
        },
        {
            trigger: '.o_umkm_inquiry_form select[name="line_id"]',
            run: "selectByLabel Kemeja Uji",
        },
        {
            trigger: '.o_umkm_inquiry_form input[name="qty"]',
            run: "edit 250",
        },
        {
            trigger: '.o_umkm_inquiry_form textarea[name="message"]',
            run: "edit Bisa kirim sampel ke Surabaya?",
        },
        {
            content: "Send the inquiry",
            trigger: '.o_umkm_inquiry_form button[type="submit"]',
            run: "click",
        },
        {
            content: "The cooperative confirms it received the inquiry",
            trigger: ".o_umkm_inquiry_sent",
        },
    ],
});

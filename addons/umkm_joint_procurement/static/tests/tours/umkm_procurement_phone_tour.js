/** @odoo-module */

import { registry } from "@web/core/registry";
import {
    assertInViewport,
    assertKeyCellsShown,
    assertNoHorizontalScroll,
    assertPageFits,
} from "@umkm_cluster/../tests/tours/phone_helpers";

// Run at phone width (390 px): nothing of the member's pages may stick out of the screen.

registry.category("web_tour.tours").add("umkm_procurement_portal_phone", {
    url: "/my",
    steps: () => [
        {
            content: "The joint purchases card shows a small pictogram and room for its text",
            trigger: '.o_portal_index_card a[href="/my/procurement"] .o_portal_icon img',
            async run() {
                const img = this.anchor;
                if (!img.complete) {
                    await new Promise((resolve) =>
                        img.addEventListener("load", resolve, { once: true })
                    );
                }
                const cards = [...document.querySelectorAll(".o_portal_index_card")].filter(
                    (card) => card.offsetParent && card.querySelector(".o_portal_icon img")
                );
                for (const card of cards) {
                    const icon = card.querySelector(".o_portal_icon img");
                    const width = icon.getBoundingClientRect().width;
                    if (width > 64) {
                        throw new Error(`The icon of ${icon.getAttribute("src")} is ${width} px wide`);
                    }
                    // the text starts right after the icon and has the rest of the card
                    const link = icon.closest("a");
                    const text = link.querySelector(".opacity-75");
                    const room = link.getBoundingClientRect().right - text.getBoundingClientRect().left;
                    if (room < link.getBoundingClientRect().width - 110) {
                        throw new Error(
                            `The text of ${icon.getAttribute("src")} has ${Math.round(room)} px only`
                        );
                    }
                    assertInViewport(card, `The card of ${icon.getAttribute("src")}`);
                }
                assertPageFits();
            },
        },
        {
            content: "Open the joint purchases",
            trigger: '.o_portal_index_card a[href="/my/procurement"]',
            run: "click",
        },
        {
            content: "The status of every round is on the screen",
            trigger: 'tr:contains("Tour phone open round") td:last-child .badge',
            run() {
                const rows = document.querySelectorAll(".o_portal_my_doc_table tbody tr");
                if (rows.length < 2) {
                    throw new Error(`${rows.length} round(s) listed, 2 expected`);
                }
                for (const badge of document.querySelectorAll("tbody td:last-child .badge")) {
                    assertInViewport(badge, `The status "${badge.textContent.trim()}"`);
                }
                // the portal's cells cut what is wider than 10rem: neither the round nor its
                // status may lose text
                for (const row of rows) {
                    for (const cell of [row.cells[0], row.cells[row.cells.length - 1]]) {
                        assertNoHorizontalScroll(cell, `"${cell.textContent.trim()}"`);
                    }
                }
                assertNoHorizontalScroll(
                    document.querySelector(".o_portal_my_doc_table").parentElement,
                    "The rounds list"
                );
                assertPageFits();
            },
        },
        {
            content: "Open the round that was allocated",
            trigger: 'tr:contains("Tour phone allocated round") a.o_umkm_round_link',
            run: "click",
        },
        {
            content: "What the member receives fits the screen",
            trigger: 'h5:contains("What you receive")',
            run() {
                // a table that scrolls sideways hides the amounts: one card per material
                const table = document.querySelector("table.o_umkm_allocations");
                if (table && table.offsetParent) {
                    assertNoHorizontalScroll(table.parentElement, "The allocation table");
                    assertInViewport(table, "The allocation table");
                }
                const cards = [...document.querySelectorAll(".o_umkm_allocation_card")];
                if (!cards.some((card) => card.textContent.includes("Tour phone malam"))) {
                    throw new Error("No allocation card of Tour phone malam");
                }
                for (const card of cards) {
                    assertInViewport(card, "An allocation card");
                    for (const cell of card.querySelectorAll("dd, strong")) {
                        assertInViewport(cell, `"${cell.textContent.trim()}" of a card`);
                    }
                }
                assertPageFits();
            },
        },
    ],
});

registry.category("web_tour.tours").add("umkm_invoices_phone", {
    url: "/my/invoices",
    steps: () => [
        {
            content: "Number, date, amount and status of every invoice are on the screen",
            trigger: ".o_portal_my_doc_table tbody tr td[name=invoice_status] .badge",
            run() {
                assertKeyCellsShown(".o_portal_my_doc_table tbody tr", {
                    Number: "td:first-child a",
                    Date: "td:first-child .o_umkm_invoice_date, td:nth-child(2)",
                    Amount: "td:nth-child(4)",
                    Status: "td[name=invoice_status] .badge",
                });
                // each header above its own column
                const table = document.querySelector(".o_portal_my_doc_table");
                const shown = (cells) => [...cells].filter((cell) => cell.offsetParent !== null);
                const headers = shown(table.querySelectorAll("thead th"));
                const cells = shown(table.querySelector("tbody tr").cells);
                if (headers.length !== cells.length) {
                    throw new Error(`${headers.length} headers over ${cells.length} cells`);
                }
                headers.forEach((th, index) => {
                    const [a, b] = [th.getBoundingClientRect(), cells[index].getBoundingClientRect()];
                    if (Math.abs(a.left - b.left) > 1) {
                        throw new Error(`"${th.textContent.trim()}" is not above its column`);
                    }
                });
            },
        },
    ],
});

/** @odoo-module */

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("umkm_partnership_firm_order", {
    url: "/my/subcontracts",
    steps: () => [
        {
            content: "Start a new order",
            trigger: "a.o_umkm_new_order",
            run: "click",
        },
        {
            content: "Choose the capability",
            trigger: "select[name=capability_id]",
            run: "selectByLabel Uji jahit",
        },
        {
            content: "Describe the work",
            trigger: "textarea[name=description]",
            run: "edit Kemeja batik tur, ukuran L",
        },
        {
            content: "Quantity",
            trigger: "input[name=qty]",
            run: "edit 12",
        },
        {
            content: "Due date in a month",
            trigger: "input[name=date_due]",
            run() {
                const due = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
                this.anchor.value = due;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Target price",
            trigger: "input[name=unit_price]",
            run: "edit 90000",
        },
        {
            content: "Attach the drawing",
            trigger: "input[name=attachments]",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"], "pola-tur.pdf", {
                        type: "application/pdf",
                    })
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Send the order",
            trigger: "button.o_umkm_submit_order",
            run: "click",
        },
        {
            content: "The order page shows the attached document",
            trigger: ".o_umkm_documents a:contains(pola-tur.pdf)",
        },
        {
            content: "The order is submitted",
            trigger: ".o_umkm_subcontract .badge:contains(Submitted)",
        },
    ],
});

registry.category("web_tour.tours").add("umkm_partnership_member_accept", {
    url: "/my/assignments",
    steps: () => [
        {
            content: "Open the proposed work",
            trigger: "a:contains(SUB/)",
            run: "click",
        },
        {
            content: "Accept it",
            trigger: "button.o_umkm_accept",
            run: "click",
        },
        {
            content: "The work is accepted",
            trigger: ".o_umkm_assignment_state:contains(Accepted)",
        },
        {
            content: "Report the quantity made",
            trigger: "input[name=qty_done]",
            run: "edit 7",
        },
        {
            content: "Send the progress report",
            trigger: "button.o_umkm_report_progress",
            run: "click",
        },
        {
            content: "The progress is recorded",
            trigger: ".o_umkm_qty_reported:contains(7)",
        },
        {
            content: "The state follows",
            trigger: ".o_umkm_assignment_state:contains(In progress)",
        },
    ],
});

registry.category("web_tour.tours").add("umkm_partnership_backend_split", {
    url: "/odoo/action-umkm_partnership.umkm_subcontract_order_action",
    steps: () => [
        {
            content: "The kanban shows the confirmed order",
            trigger: ".o_kanban_record:contains(PT Firma A)",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the order",
            trigger: ".o_data_row:contains(PT Firma A) .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The form shows the sale order smart button",
            trigger: ".o_form_view button[name=action_view_sale_order]",
        },
        {
            content: "Split among members",
            trigger: "button[name=action_split]",
            run: "click",
        },
        {
            content: "The proposal lists the members",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row",
        },
        {
            content: "Propose to members",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The assignments appear on the order",
            trigger: ".o_field_widget[name=assignment_ids] .o_data_row",
        },
        {
            content: "Open the calendar of due dates",
            trigger: ".o_breadcrumb .o_back_button, .breadcrumb-item a",
            run: "click",
        },
        {
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            content: "The calendar is shown",
            trigger: ".o_calendar_view",
        },
    ],
});

registry.category("web_tour.tours").add("umkm_partnership_member_lot_progress", {
    url: "/my/assignments",
    steps: () => [
        {
            content: "Open the work for the first delivery",
            trigger: "tr:has(.o_umkm_lot_label:contains(Lot 1/2)) a:contains(SUB/)",
            run: "click",
        },
        {
            content: "The page says which delivery it is",
            trigger: ".o_umkm_lot:contains(1 / 2)",
        },
        {
            content: "Download the firm's drawing",
            trigger: ".o_umkm_work_package a.o_umkm_document:contains(gambar-kemeja.pdf)",
            async run() {
                const link = document.querySelector(".o_umkm_work_package a.o_umkm_document");
                const response = await fetch(link.href);
                const body = await response.text();
                if (response.status !== 200 || !body.startsWith("%PDF")) {
                    throw new Error(`drawing not downloaded: ${response.status}`);
                }
                document.body.classList.add("o_umkm_drawing_downloaded");
            },
        },
        {
            content: "The drawing came",
            trigger: "body.o_umkm_drawing_downloaded",
        },
        {
            content: "Report the quantity made for lot 1",
            trigger: "input[name=qty_done]",
            run: "edit 6",
        },
        {
            content: "Send the progress report",
            trigger: "button.o_umkm_report_progress",
            run: "click",
        },
        {
            content: "The progress is recorded",
            trigger: ".o_umkm_qty_reported:contains(6)",
        },
    ],
});

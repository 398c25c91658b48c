/** @odoo-module */

// Checks of the portal at the width of a phone (390 px), shared by the suite's phone tours.

function viewportWidth() {
    return document.documentElement.clientWidth;
}

export function assertInViewport(element, what) {
    const rect = element.getBoundingClientRect();
    if (rect.left < -1 || rect.right > viewportWidth() + 1) {
        throw new Error(
            `${what} is outside the screen: ${Math.round(rect.left)}-${Math.round(
                rect.right
            )} px of ${viewportWidth()} px`
        );
    }
}

export function assertNoHorizontalScroll(element, what) {
    if (element.scrollWidth > element.clientWidth + 1) {
        throw new Error(
            `${what} scrolls sideways: ${element.scrollWidth} px in ${element.clientWidth} px`
        );
    }
}

export function assertPageFits() {
    assertNoHorizontalScroll(document.documentElement, "The page");
}

/**
 * Every displayed row of ``rowsSelector`` (at least ``minRows``) shows each of ``keys`` ({label: selector inside the row}):
 * displayed, inside the screen and not cut; the list itself does not scroll sideways.
 */
export function assertKeyCellsShown(rowsSelector, keys, minRows = 1) {
    const rows = [...document.querySelectorAll(rowsSelector)].filter(
        (row) => row.offsetParent !== null
    );
    if (rows.length < minRows) {
        throw new Error(`${rows.length} row(s) of ${rowsSelector}, ${minRows} expected`);
    }
    for (const row of rows) {
        for (const [label, selector] of Object.entries(keys)) {
            const cell = row.querySelector(selector);
            if (!cell || cell.offsetParent === null) {
                throw new Error(`${label} is hidden in "${row.textContent.trim().slice(0, 40)}"`);
            }
            const what = `${label} "${cell.textContent.trim()}"`;
            assertInViewport(cell, what);
            assertNoHorizontalScroll(cell, what);
        }
        for (const container of [row.closest(".table-responsive"), row.parentElement]) {
            if (container) {
                assertNoHorizontalScroll(container, `The list ${rowsSelector}`);
            }
        }
    }
    assertPageFits();
}

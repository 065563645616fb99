import { expect, type Page } from "@playwright/test";

/**
 * Fails on any button a person can see that shows them nothing: neither text nor an icon
 * that takes up room on screen. Judged by what is drawn (bounding boxes, content), never by
 * the accessible name, which an empty 24 × 24 square still has. Soft, so a run lists every
 * screen that fails.
 */
export async function expectButtonsShowSomething(page: Page, screen: string) {
  await page.waitForLoadState("domcontentloaded");
  const blank = await page.evaluate(() => {
    const drawn = (rect: DOMRect, min: number) => rect.width >= min && rect.height >= min;
    // Parked above or left of the page (a skip link until it is focused) is not on screen.
    const onPage = (rect: DOMRect) => rect.bottom + window.scrollY > 0 && rect.right + window.scrollX > 0;
    const shown = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return drawn(rect, 1) && onPage(rect) && element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    const hasVisibleText = (button: Element) => {
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim() || !node.parentElement || !shown(node.parentElement)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        // Visually hidden text (a 1 px clip) is for screen readers, not for eyes.
        if (drawn(range.getBoundingClientRect(), 4)) return true;
      }
      return false;
    };
    const hasVisibleIcon = (button: Element) => [...button.querySelectorAll("svg, img")].some((icon) => shown(icon) && drawn(icon.getBoundingClientRect(), 8));
    return [...document.querySelectorAll('button, [role="button"], a.MuiButtonBase-root')]
      .filter((button) => shown(button) && !hasVisibleText(button) && !hasVisibleIcon(button))
      .map((button) => button.outerHTML.slice(0, 160));
  });
  expect.soft(blank, `buttons on ${screen} that show neither text nor an icon`).toEqual([]);
}

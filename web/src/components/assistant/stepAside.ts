import { type RefObject, useEffect, useState } from "react";

/**
 * What the floating button must never cover: a form's fields (label, box, help, message), its
 * buttons, a refusal's message and its links, and whatever has the focus.
 */
const CONTENT =
  "main :is(.field, .field-error, .upload, .linked-choice, .wizard-nav .btn, .combobox-list, .alert-error, [role=alert], :focus)";

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Whether the floating button (`ref`) would now cover a form's content: checked after each
 * scroll, resize, move of the focus and change of the page (an error message appearing under a
 * field). While it would, the button steps aside (hidden); at the end of the page (the footer's
 * bottom padding is its height plus a margin) nothing is under it and it comes back.
 */
export function useCoversContent(ref: RefObject<HTMLElement | null>, active: boolean): boolean {
  const [covers, setCovers] = useState(false);
  useEffect(() => {
    if (!active) {
      setCovers(false);
      return;
    }
    let frame = 0;
    const check = () => {
      frame = 0;
      const button = ref.current;
      if (!button) return;
      const box = button.getBoundingClientRect();
      const hit = [...document.querySelectorAll<HTMLElement>(CONTENT)].some(
        (el) =>
          !button.contains(el) && el.getClientRects().length > 0 && overlaps(box, el.getBoundingClientRect()),
      );
      setCovers(hit);
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    check();
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    // Focus moved (a refusal's link focused, a field reached by Tab): checked again.
    document.addEventListener("focusin", later);
    const observer = new MutationObserver(later);
    const main = document.querySelector("main");
    if (main) observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener("scroll", later);
      window.removeEventListener("resize", later);
      document.removeEventListener("focusin", later);
      observer.disconnect();
    };
  }, [ref, active]);
  return covers;
}

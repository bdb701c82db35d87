/*
 * Keep the edits made while an autosave is in flight.
 *
 * Wagtail 7.4's autosave marks the editor clean with whatever the form holds when a save
 * *finishes* (w-autosave:success -> w-unsaved#clear). An edit made while the save was on its
 * way, often the last words typed, which Draftail copies into the form a moment after the
 * keystroke, is then never autosaved, and leaving the page no longer warns: the words are lost.
 *
 * Remember what each save sent; when it lands, count only that as saved, so the editor's next
 * check sees the rest as a change, warns on leaving, and autosaves it.
 */
(() => {
  const sent = new WeakMap();
  const unsavedFor = (form) =>
    window.wagtail?.app?.getControllerForElementAndIdentifier(form, "w-unsaved");

  document.addEventListener("w-autosave:save", (event) => {
    const unsaved = unsavedFor(event.target);
    if (unsaved && !event.defaultPrevented) sent.set(event.target, unsaved.formData);
  });

  document.addEventListener("w-autosave:success", (event) => {
    const form = event.target;
    const saved = sent.get(form);
    sent.delete(form);
    // After Wagtail's own handler has marked the form clean.
    setTimeout(() => {
      const unsaved = unsavedFor(form);
      if (!unsaved || saved === undefined || unsaved.formData === saved) return;
      unsaved.initialFormData = saved;
      unsaved.previousFormData = saved;
      unsaved.hasEditsValue = true; // warns on leaving, and asks autosave for another save
    });
  });
})();

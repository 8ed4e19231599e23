// Copy buttons beside values the customer pastes elsewhere (TXT values, file contents, seals).
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll(".copy")) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = document.documentElement.lang === "ja" ? "コピー" : "Copy";
    b.addEventListener("click", () => navigator.clipboard.writeText(el.textContent));
    el.after(" ", b);
  }
});

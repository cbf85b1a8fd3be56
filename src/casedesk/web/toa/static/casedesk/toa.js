// The table-of-authorities review: the "keeping the text of" choice lists the ticked entries.
// Without JavaScript the merge keeps the first ticked entry's text.
document.addEventListener("DOMContentLoaded", () => {
  const into = document.getElementById("merge-into");
  if (!into) return;
  const count = document.getElementById("merge-count");
  const picks = Array.from(document.querySelectorAll("input.toa-pick"));
  const refresh = () => {
    const keep = into.value;
    into.replaceChildren(new Option("the first ticked entry", ""));
    const ticked = picks.filter((p) => p.checked);
    for (const p of ticked) into.add(new Option(p.dataset.text || p.value, p.value));
    into.value = ticked.some((p) => p.value === keep) ? keep : "";
    if (count) count.textContent = ticked.length ? `${ticked.length} ticked` : "";
  };
  for (const p of picks) p.addEventListener("change", refresh);
  refresh();
});

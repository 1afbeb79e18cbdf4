// The record page's one action: print it (or save it as PDF from the print dialog)
document.getElementById("print").addEventListener("click", function () { window.print(); });

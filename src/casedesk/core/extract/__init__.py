"""Text from documents (PDF, DOCX, e-mail), OCR, and data entry from the text."""

// What the file readers hand over (ExtractedDocument, TableGrid, PlacedLine) and why an input
// is no report (IngestError) live in NianbaoDocument, which the readers import without
// depending on the parser; whoever reads text with Ingest sees them too.
@_exported import NianbaoDocument

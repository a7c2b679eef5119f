import { serveImportReading } from './import-service';

// The worker's own global scope is its port to the page that started it.
serveImportReading(self);

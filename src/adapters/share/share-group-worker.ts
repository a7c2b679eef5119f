import { serveShareGroup } from './share-group-service';

// The worker's own global scope is its port to the page that started it.
serveShareGroup(self);

// The labels `docker stack deploy` puts on a stack's services (docker/cli cli/compose/convert): in a module of their
// own, so that reading them does not bring the compose reader (the page fetches that on demand).
export const LABEL_STACK_NAMESPACE = 'com.docker.stack.namespace';
export const LABEL_STACK_IMAGE = 'com.docker.stack.image';

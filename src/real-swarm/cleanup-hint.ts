// The commands that remove what a swarmlab run left on a swarm, for messages when swarmlab could not do it itself.
import { RUN_LABEL } from './images.js';

export function cleanupHint(runId: string, serviceNames: readonly string[]): string {
  const filter = `label=${RUN_LABEL}=${runId}`;
  const services =
    serviceNames.length > 0
      ? `docker service rm ${serviceNames.join(' ')}`
      : `docker service rm $(docker service ls -q --filter ${filter})`;
  return (
    `To clean up once the daemon is back:\n  ${services}\n  docker image rm $(docker image ls -q ` +
    `--filter ${filter})`
  );
}

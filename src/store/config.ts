// Where the Neo4j server is and how to log in: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.

export interface StoreConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export const DEFAULT_STORE_CONFIG: StoreConfig = {
  uri: 'bolt://127.0.0.1:7687',
  user: 'neo4j',
  password: 'contagion-dev',
  database: 'neo4j',
};

/** The connection settings from the environment, each falling back to the local default. */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const pick = (name: string, fallback: string) => {
    const v = env[name];
    return v !== undefined && v !== '' ? v : fallback;
  };
  return {
    uri: pick('NEO4J_URI', DEFAULT_STORE_CONFIG.uri),
    user: pick('NEO4J_USER', DEFAULT_STORE_CONFIG.user),
    password: pick('NEO4J_PASSWORD', DEFAULT_STORE_CONFIG.password),
    database: pick('NEO4J_DATABASE', DEFAULT_STORE_CONFIG.database),
  };
}

/** The agent's socket when neither --host nor BERTH_HOST is given. */
export const DEFAULT_HOST = 'unix:///run/berth/agent.sock';

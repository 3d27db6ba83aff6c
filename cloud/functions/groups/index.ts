export const groupFunctions = [] as const;

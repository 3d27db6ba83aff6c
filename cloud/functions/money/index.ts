import { commitGrandPrize, drawGrandPrize, grandPrize } from './grandPrize';
import { ledgerCheck, runPoolSplitFunction } from './operator';
import { groupPool, listSplits } from './pool';
import { simulateCheckout } from './simulateCheckout';
import { myWallet } from './wallet';

export const moneyFunctions = [
  simulateCheckout,
  myWallet,
  groupPool,
  listSplits,
  runPoolSplitFunction,
  ledgerCheck,
  commitGrandPrize,
  drawGrandPrize,
  grandPrize,
] as const;

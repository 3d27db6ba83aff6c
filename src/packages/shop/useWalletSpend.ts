import { useState } from 'react';
import { useCloudData } from '../../hooks/useCloudData';
import { callFunction } from '../../services/api';
import { walletPartFen } from '../../utils/paymentView';

/**
 * "用红包抵扣" on a page that takes money: the shopper's wallet balance (only the balance is
 * needed, so one entry is asked for), whether she wants to spend it, and the part of an amount
 * it covers. Off until she turns it on; nothing to offer with an empty wallet.
 */
export function useWalletSpend(enabled: boolean) {
  const wallet = useCloudData(() => callFunction('myWallet', { limit: 1 }), enabled);
  const [on, setOn] = useState(false);
  const balanceFen = wallet.data?.balanceFen ?? 0;
  return {
    balanceFen,
    available: balanceFen > 0,
    on: on && balanceFen > 0,
    toggle: () => setOn((value) => !value),
    /** What to send as walletFen for an amount: undefined when the wallet is not used. */
    walletFenFor: (amountFen: number): number | undefined => (on && balanceFen > 0 ? walletPartFen(balanceFen, amountFen) : undefined),
    reload: wallet.reload,
  };
}

// Alipay: there is no published Alipay adapter package, so the core build gets our own adapters.
import AV from 'leancloud-storage/core';
import { alipayAdapters } from './alipayAdapters';
import { appId, appKey, serverUrl } from './serverConfig';

AV.setAdapters(alipayAdapters as any);
AV.init({ appId, appKey, serverURL: serverUrl() });

export default AV;

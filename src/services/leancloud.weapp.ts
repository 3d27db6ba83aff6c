// WeChat: Taro resolves packages through their `browser` field, so the default import would pull
// the browser build (no wx storage, fails at run time). Use the core build with WeChat adapters.
import AV from 'leancloud-storage/core';
import * as weappAdapters from '@leancloud/platform-adapters-weapp';
import { appId, appKey, serverUrl } from './serverConfig';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the adapters' module namespace is not typed as the SDK's adapter set
AV.setAdapters(weappAdapters as any);
AV.init({ appId, appKey, serverURL: serverUrl() });

export default AV;

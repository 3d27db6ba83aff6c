// H5: the default import resolves to the SDK's browser build, which brings its own adapters.
import AV from 'leancloud-storage';
import { appId, appKey, serverUrl } from './serverConfig';

AV.init({ appId, appKey, serverURL: serverUrl() });

export default AV;

// wasi:sockets without sockets. CPython (componentize-py) imports the whole
// interface set; the frontends never open a socket, and the local runtime
// has none to give: the guest gets its network, but every socket it would
// create and every name it would look up is refused with `access-denied`,
// which is what Spin answers where allowed_outbound_hosts allows nothing.
// The resource classes exist for the bindings' type checks and are never
// constructed but for Network.
import type * as InstanceNetwork from '../generated/interfaces/wasi-sockets-instance-network.js';
import type * as IpNameLookup from '../generated/interfaces/wasi-sockets-ip-name-lookup.js';
import type * as SocketsNetwork from '../generated/interfaces/wasi-sockets-network.js';

export class Network {}
export class TcpSocket {}
export class UdpSocket {}
export class IncomingDatagramStream {}
export class OutgoingDatagramStream {}
export class ResolveAddressStream {}

const refused = (): never => {
  throw 'access-denied' satisfies SocketsNetwork.ErrorCode;
};

export const network = {
  Network,
  networkErrorCode: (): ReturnType<typeof SocketsNetwork.networkErrorCode> => undefined,
};
export const instanceNetwork: typeof InstanceNetwork = { instanceNetwork: () => new Network() };
export const ipNameLookup = { ResolveAddressStream, resolveAddresses: refused as typeof IpNameLookup.resolveAddresses };
export const tcp = { TcpSocket };
export const tcpCreateSocket = { createTcpSocket: refused };
export const udp = { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream };
export const udpCreateSocket = { createUdpSocket: refused };

import {
  computeEnvironment,
  fact,
  GPU_CE,
  hostSubject,
  unknownFact,
} from '../../../support/host-facts-builder';
import type { RuleCases } from './types';

const gpuFree = { nvidiaPciDevices: fact(0), driverLoaded: fact(false), driverVersion: fact(null) };

export const cases: RuleCases = {
  pass: [
    {
      name: 'official AL2023 GPU on a g5',
      subject: hostSubject('al2023-gpu'),
      message: /NVIDIA driver 580\.159\.03 is loaded/,
      evidence: /1 NVIDIA PCI device/,
    },
    {
      name: 'GPU CE probed on a GPU instance',
      subject: hostSubject('al2023-gpu', {}, { context: GPU_CE }),
      message: /580\.159\.03 is loaded/,
    },
  ],
  fail: [
    {
      name: 'GPUs present but the module is not loaded',
      subject: hostSubject('al2023-gpu', {
        gpu: { driverLoaded: fact(false), driverVersion: fact(null) },
      }),
      message: /has NVIDIA GPUs, but no nvidia kernel module is loaded/,
    },
  ],
  inconclusive: [
    {
      name: 'GPU CE, GPU AMI probed on an instance without a GPU',
      subject: hostSubject('al2023-gpu', { gpu: gpuFree }, { context: GPU_CE }),
      message:
        /needs a GPU probe: compute environment gpu-ce runs GPU workloads.*the NVIDIA driver is installed/,
    },
    {
      name: 'GPU CE, AMI without any NVIDIA driver, probed without a GPU',
      subject: hostSubject('al2023', {}, { context: GPU_CE }),
      message: /needs a GPU probe.*the NVIDIA driver is not even installed/,
    },
    {
      name: 'no context and the PCI scan failed',
      subject: hostSubject('al2023', { gpu: { nvidiaPciDevices: unknownFact('lspci missing') } }),
      message: /whether this host has NVIDIA GPUs is unknown: lspci missing/,
    },
  ],
  notApplicable: [
    {
      name: 'no GPU and no compute environment',
      subject: hostSubject('al2023'),
      message: /No GPU workloads: the host has no NVIDIA GPU/,
    },
    {
      name: 'a non-GPU compute environment',
      subject: hostSubject(
        'al2023',
        { gpu: { nvidiaPciDevices: unknownFact() } },
        { context: computeEnvironment() },
      ),
      message: /compute environment test-ce runs no GPU workloads/,
    },
  ],
};

/* test-readiness-fixtures.h — two libvirt test-driver hosts for the readiness
 * checks: a source with one VM per situation, and a destination that has
 * some of what they need and lacks the rest.
 *
 * Copyright 2026 The Ferry developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define NS "xmlns:test='http://libvirt.org/schemas/domain/test/1.0'"
#define OS "<os><type arch='i686'>hvm</type></os>"
#define DISK(file, cache) \
  "<disk type='file' device='disk'><driver name='qemu' cache='" cache "'/>" \
  "<source file='" file "'/><target dev='vda' bus='virtio'/></disk>"
#define NIC(type, attr, name) \
  "<interface type='" type "'><source " attr "='" name "'/></interface>"
#define VM(name, n, mib, vcpus, extra, devices) \
  "<domain type='test'><name>" name "</name>" \
  "<uuid>00000000-0000-0000-0000-0000000000" n "</uuid>" \
  "<memory unit='MiB'>" mib "</memory><vcpu>" vcpus "</vcpu>" OS extra \
  "<devices>" devices "</devices></domain>\n"
#define POOL(type, name, n, path, source) \
  "<pool type='" type "'><name>" name "</name>" \
  "<uuid>10000000-0000-0000-0000-0000000000" n "</uuid>" source \
  "<target><path>" path "</path></target></pool>\n"
#define NAS_SOURCE(dir) "<source><host name='nas.example'/><dir path='" dir "'/><format type='nfs'/></source>"
#define NETWORK(name, n, bridge) \
  "<network><name>" name "</name><uuid>20000000-0000-0000-0000-0000000000" n "</uuid>" \
  "<bridge name='" bridge "'/></network>\n"

static const char source_host[] =
  "<node " NS ">"
  "<cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>1</threads>"
  "<active>8</active><mhz>2400</mhz><model>i686</model></cpu>"
  "<memory>16777216</memory>\n"
  VM ("web", "01", "1024", "2", "", DISK ("/srv/shared/web.img", "none") NIC ("network", "network", "both"))
  VM ("lan-vm", "02", "512", "1", "", NIC ("network", "network", "lan"))
  VM ("sleepy-vm", "03", "512", "1", "", NIC ("network", "network", "sleepy"))
  VM ("bridged", "04", "512", "1", "", NIC ("bridge", "bridge", "br0") NIC ("bridge", "bridge", "br9"))
  VM ("big", "05", "8192", "16", "", "")
  VM ("passthru", "06", "512", "1", "",
      "<hostdev mode='subsystem' type='pci' managed='yes'><source>"
      "<address domain='0x0000' bus='0x03' slot='0x00' function='0x1'/></source></hostdev>"
      "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source>"
      "<address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>"
      "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs'/>"
      "<source dir='/srv/share'/><target dir='share'/></filesystem>")
  VM ("clash-running", "07", "512", "1", "", "")
  VM ("clash-off", "08", "512", "1", "", "")
  "<domain type='test'><name>x86</name><uuid>00000000-0000-0000-0000-000000000009</uuid>"
  "<memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>\n"
  VM ("nas-vm", "10", "512", "1", "", DISK ("/srv/nas/nas.img", "none"))
  VM ("dir-vm", "11", "512", "1", "", DISK ("/srv/local/dir.img", "writeback"))
  VM ("ro", "12", "512", "1", "",
      "<disk type='file' device='disk'><source file='/srv/local/base.img'/>"
      "<target dev='vdb'/><readonly/></disk>"
      "<disk type='file' device='disk'><source file='/srv/shared/iso.img'/>"
      "<target dev='vdc'/><readonly/></disk>"
      "<disk type='file' device='cdrom'><source file='/srv/local/install.iso'/>"
      "<target dev='hdc' bus='ide'/><readonly/></disk>"
      "<disk type='file' device='cdrom'><target dev='hdd' bus='ide'/><readonly/></disk>")
  VM ("off", "13", "512", "1", "<test:runstate>5</test:runstate>", "")
  VM ("transient", "14", "512", "1", "<test:transient/>", "")
  VM ("cpu-custom", "15", "512", "1", "<cpu mode='custom' match='exact'><model>pentium3</model></cpu>", "")
  POOL ("netfs", "shared", "01", "/srv/shared", NAS_SOURCE ("/export/shared"))
  POOL ("netfs", "nas", "02", "/srv/nas", NAS_SOURCE ("/export/nas"))
  POOL ("dir", "local", "03", "/srv/local", "")
  NETWORK ("both", "01", "virbr1")
  NETWORK ("lan", "02", "virbr2")
  NETWORK ("sleepy", "03", "virbr3")
  "</node>\n";

static const char destination_host[] =
  "<node " NS ">"
  "<cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads>"
  "<active>4</active><mhz>2400</mhz><model>i686</model></cpu>"
  "<memory>4194304</memory>\n"
  "<domain type='test'><name>clash-running</name><uuid>30000000-0000-0000-0000-000000000001</uuid>"
  "<memory unit='MiB'>512</memory><vcpu>1</vcpu>" OS "</domain>\n"
  "<domain type='test'><name>clash-off</name><uuid>00000000-0000-0000-0000-000000000008</uuid>"
  "<memory unit='MiB'>512</memory><vcpu>1</vcpu>" OS "<test:runstate>5</test:runstate></domain>\n"
  POOL ("netfs", "shared", "11", "/srv/shared", NAS_SOURCE ("/export/shared"))
  NETWORK ("both", "11", "virbr1")
  "<network><name>sleepy</name><uuid>20000000-0000-0000-0000-000000000013</uuid>"
  "<bridge name='virbr3'/></network>\n"
  "<interface type='ethernet' name='br0'><start mode='onboot'/>"
  "<mac address='aa:bb:cc:dd:ee:ff'/></interface>\n"
  "</node>\n";

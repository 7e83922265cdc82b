#!/bin/bash
# Writes N reports of 示例县's units into DIR, their numbers those of the bundled samples in
# turn (as HandoutFitTests makes them), for looking at handouts: scripts/handout-units.sh 12 /tmp/u12
# With YEARS (e.g. "2020 2021 2022 2023 2024"), each unit once per year, its new requests
# growing (by 0, 1, 4, 9 … a year for 西峡's numbers) so that the lines rise.
set -euo pipefail
n=$1 dir=$2 years=${3:-2022}
here=$(cd "$(dirname "$0")/.." && pwd)
samples=(xixia-county-2022 jianxi-district-office-2022 xin-county-office-2021 hanyin-county-2022)
units=(城关镇 东城街道 西城街道 南关镇 北坡乡 县发展和改革局 县教育局 县公安局 县民政局 县财政局 县人力资源和社会保障局 县自然资源局 县生态环境局 县住房和城乡建设局 县交通运输局 县水利局 县农业农村局 县商务局 县文化广电和旅游局 县卫生健康委员会 县应急管理局 县审计局 县市场监督管理局 县统计局 县医疗保障局 县林业局 县信访局 县行政审批服务局 县司法局 县退役军人事务局 县税务局 县城市管理局 县科技局 县工业和信息化局 县气象局 县档案馆 县融媒体中心 县公共资源交易中心 县残疾人联合会 县妇女联合会)
mkdir -p "$dir"
for ((i = 0; i < n; i++)); do
  s=${samples[$((i % 4))]}
  k=0
  for y in $years; do
    # The title line (its agency and year) names the unit; Kangxi radicals as the samples have them.
    # Over years, 西峡's numbers grow: k more new requests, each granted, so that it still balances.
    sed -E "0,/^(# )?.*(20[0-9][0-9])年(政府信息公开|政府信息公开⼯作)/s//\1示例县${units[$i]}${y}年\3/" \
      "$here/Tests/NianbaoIngestTests/Fixtures/samples/$s.txt" |
      sed -E "s/^(⼀、本年新收政府信息公开申请数量) 18 (.*) 18$/\1 $((18 + k * k)) \2 $((18 + k * k))/;
              s/^(（⼀）予以公开) 6 (.*) 6$/\1 $((6 + k * k)) \2 $((6 + k * k))/;
              s/^(（七）总计) 19 (.*) 19$/\1 $((19 + k * k)) \2 $((19 + k * k))/" > "$dir/$(printf %02d $i)-$y.txt"
    k=$((k + 1))
  done
done

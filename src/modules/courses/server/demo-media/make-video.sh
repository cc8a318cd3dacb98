#!/bin/sh
# How demo-media/affine.webm was made (16 s VP9, 640x360, ~215 KiB): the demo loads the committed
# file, so no ffmpeg is needed at run time. Remaking it needs ffmpeg with libvpx and freetype and the
# DejaVu fonts: sh make-video.sh affine.webm
set -e
OUT=${1:-affine.webm}
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
FONT2=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
A='st(0,if(lt(T,8),1.2*sin(0.9*T),0.95));st(1,if(lt(T,8),0,60*sin(1.2*(T-8))));st(2,lt(abs((180-Y)-(ld(0)*(X-320)+ld(1))),2.6*sqrt(1+ld(0)*ld(0))));st(3,lt(hypot(X-320,Y-180+ld(1)),7)*gte(T,8));st(4,lt(abs(X-320),1.5)+lt(abs(Y-180),1.5));st(5,lt(mod(X,40),1)+lt(mod(Y,40),1))'
COL() { echo "$A;if(ld(3),$1,if(ld(2),$2,if(ld(4),$3,if(ld(5),$4,$5))))"; }
ffmpeg -y -hide_banner -loglevel error \
  -f lavfi -i "color=c=0x1e3a8a:s=640x360:r=24:d=4" \
  -f lavfi -i "color=c=white:s=640x360:r=24:d=12" \
  -filter_complex "
[0:v]drawtext=fontfile=$FONT:text='y = ax + b':fontsize=64:fontcolor=white:x=(w-tw)/2:y=(h-th)/2-30,
drawtext=fontfile=$FONT2:text='Fonctions affines · Linear functions':fontsize=26:fontcolor=0xdbeafe:x=(w-tw)/2:y=h/2+40,
drawtext=fontfile=$FONT2:text='Archipel':fontsize=18:fontcolor=0x93c5fd:x=w-tw-20:y=h-th-16,
fade=t=in:st=0:d=0.8,fade=t=out:st=3.5:d=0.5[card];
[1:v]format=rgb24,geq=r='$(COL 220 29 90 222 250)':g='$(COL 38 78 90 226 250)':b='$(COL 38 216 90 232 252)',
drawtext=fontfile=$FONT:text='y = ax + b':fontsize=28:fontcolor=0x1e3a8a:box=1:boxcolor=white@0.85:boxborderw=8:x=16:y=16,
fade=t=in:st=0:d=0.4,format=yuv420p[graph];
[card][graph]concat=n=2:v=1:a=0,format=yuv420p[v]" \
  -map "[v]" -c:v libvpx-vp9 -b:v 0 -crf 42 -row-mt 1 -deadline good -cpu-used 4 -g 96 "$OUT"

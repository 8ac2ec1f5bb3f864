#md5sum="x"
#md5sumfoo
  #md5sum=
x = "#md5sum="
#md5sum=
#md5sum="abc"